package org.bagoftricks.models;
/** TEMPORARY STUB. */
public final class Models { public static void zeroGamma(ai.djl.nn.Block b) {}
  public static tech.tablesaw.api.Table table() { return tech.tablesaw.api.Table.create("m"); } }
