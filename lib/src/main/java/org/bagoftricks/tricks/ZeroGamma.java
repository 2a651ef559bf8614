package org.bagoftricks.tricks;

import ai.djl.nn.Block;
import java.util.List;
import org.bagoftricks.models.Models;

/**
 * Zero gamma (§3): gamma = 0 in the batch norm that ends every residual block, so each block
 * starts as the identity (its output is its shortcut) and the network starts shallower.
 */
public record ZeroGamma() implements Trick, Callback {
    public static final Kind KIND = new Kind("zero-gamma", "§3 each residual block starts as the identity",
            List.of(), List.of("zeroGamma=false"), o -> new ZeroGamma());

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "zero-gamma";
    }

    @Override
    public List<String> settings() {
        return List.of("zeroGamma=true");
    }

    @Override
    public Callback start(Training training) {
        return this;
    }

    @Override
    public void onModelReady(Block model) {
        Models.zeroGamma(model);
    }
}
