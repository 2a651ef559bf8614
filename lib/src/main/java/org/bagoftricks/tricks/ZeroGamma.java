package org.bagoftricks.tricks;

import ai.djl.nn.Block;
import org.bagoftricks.models.Models;

/**
 * Zero gamma (§3): gamma = 0 in the batch norm that ends every residual block, so each block
 * starts as the identity (its output is its shortcut) and the network starts shallower.
 */
public final class ZeroGamma implements Callback {
    @Override
    public void onModelReady(Block model) {
        Models.zeroGamma(model);
    }
}
