package org.bagoftricks.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bagoftricks.Version;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.tricks.Recipe;

/**
 * What identifies a run in the store: the recipe (every setting, the seed among them), the
 * data and the library version. {@link #id()} is a short hash of {@link #identity()}; the full
 * identity is stored beside the run and compared on reading, so a hash collision cannot return
 * the wrong run.
 */
public record RunKey(String identity) {

    public static RunKey of(Recipe recipe, Dataset data) {
        String d = data.name() + "," + data.train().size() + "+" + data.test().size() + "," + data.classes();
        return new RunKey("recipe{" + recipe.identity() + "}|data{" + d + "}|version=" + Version.VERSION);
    }

    /** 16 hex digits of SHA-256 of the identity: the run's folder name. */
    public String id() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
