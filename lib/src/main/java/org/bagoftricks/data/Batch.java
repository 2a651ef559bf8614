package org.bagoftricks.data;
/** TEMPORARY STUB. */
public record Batch(float[] images, int[] labels, int size, int side) {}
