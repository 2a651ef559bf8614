package org.bagoftricks.tricks;

/** Number formats of training (§3 "low precision"). */
public enum Precision {
    /** 32-bit floats throughout (the baseline). */
    FP32,
    /**
     * Mixed precision as §3: FP16 weights, activations and gradients in forward and backward,
     * an FP32 master copy of the weights for the update, dynamic loss scaling. Faster on GPUs
     * with FP16 units; slower on CPUs, which have none.
     */
    FP16
}
