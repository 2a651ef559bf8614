package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;

/**
 * One training batch on its way to the loss: the model inputs (N x 3 x H x W), the soft targets
 * (N x K, rows summing to 1) and, for the training accuracy, the label each row is scored
 * against. Under mixup that is the dominant label of the mix (weight at least 1/2).
 */
public record MiniBatch(NDArray images, NDArray targets, int[] labels) {}
