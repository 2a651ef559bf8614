package org.bagoftricks.data;

/**
 * A batch ready for the model: {@code images} holds {@code size} images of 3 x side x side
 * floats each (CHW, as the augmentation wrote them), {@code labels} their classes.
 */
public record Batch(float[] images, int[] labels, int size, int side) {
    public Batch {
        if (labels.length != size || images.length != (long) size * 3 * side * side) {
            throw new IllegalArgumentException("a batch of " + size + " images of side " + side + " needs "
                    + (long) size * 3 * side * side + " floats and " + size + " labels, got " + images.length
                    + " and " + labels.length);
        }
    }
}
