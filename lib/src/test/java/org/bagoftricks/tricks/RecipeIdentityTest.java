package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results store finds a run by its recipe's identity, so the identity of every recipe that
 * could already be stored must never change: the reference study's store (data/reference/store)
 * and users' stores depend on it. The hashes below were taken from the library before tricks became
 * values of their own (version 0.2.0); a refactoring that changes one breaks every stored run.
 */
class RecipeIdentityTest {
    static Map<String, Recipe> recipes() {
        Recipe b32 = Recipe.baseline().smallImageAugmentation().epochs(15).batchSize(32).lr(0.025).evaluateEvery(5);
        Map<String, Recipe> m = new LinkedHashMap<>();
        m.put("paper", Recipe.paper());
        m.put("baseline", Recipe.baseline());
        m.put("b32", b32);
        m.put("b32-s43", b32.seed(43));
        m.put("warmup", b32.warmup(1));
        m.put("zero-gamma", b32.zeroGamma());
        m.put("no-bias-decay", b32.noBiasDecay());
        m.put("efficient", b32.warmup(1).zeroGamma().noBiasDecay());
        m.put("cosine", b32.warmup(1).zeroGamma().noBiasDecay().cosine());
        m.put("label-smoothing", b32.warmup(1).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1));
        m.put("mixup", b32.mixup(0.2));
        m.put("mixup-off", b32.mixup(0.4, 2));
        m.put("linear-scaling", b32.batchSize(128).linearScaling(32));
        m.put("linear-scaling-256", Recipe.baseline().linearScaling());
        m.put("fp16", Recipe.baseline().fp16());
        m.put("accumulate", Recipe.baseline().accumulate(4));
        m.put("model", b32.model("cifar_resnet50d").width(0.125).warmup(1).zeroGamma().noBiasDecay());
        Recipe teacher = Recipe.paper().model(b32.model()).width(0.5).augmentation(b32.augmentation()).imageSize(32)
                .epochs(15).batchSize(32).lr(0.025).seed(42);
        m.put("distill", b32.warmup(1).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1).distill(teacher));
        m.put("distill-t", b32.distill(teacher, 4, 0.5));
        m.put("all", Recipe.baseline().linearScaling().warmup(2).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.2)
                .distill(Recipe.baseline().width(0.5)).mixup(0.2, 1).fp16().accumulate(2).label("shown"));
        return m;
    }

    static String hash(String identity) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 8);
    }

    @Test
    void identitiesOfRecipesThatMayBeStoredNeverChange() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("paper", "d37f2bd2b0917596");
        expected.put("baseline", "148531e488c68422");
        expected.put("b32", "723bbe305801f7a4");
        expected.put("b32-s43", "2650e03bab56eedc");
        expected.put("warmup", "511145111cd1be6f");
        expected.put("zero-gamma", "df0fc31f6979cbcd");
        expected.put("no-bias-decay", "42edf4f9829bb8bd");
        expected.put("efficient", "8854b30e3d22d7c2");
        expected.put("cosine", "0cf9c18540a7d9b8");
        expected.put("label-smoothing", "24c4d33c962b1336");
        expected.put("mixup", "47f066944787fd35");
        expected.put("mixup-off", "f19d10e7bf523fea");
        expected.put("linear-scaling", "5944c1f9f6d2ea25");
        expected.put("linear-scaling-256", "500231b33150eaff");
        expected.put("fp16", "07f8a46356133967");
        expected.put("accumulate", "33a4fefe012cf9f4");
        expected.put("model", "548235b9217e6a89");
        expected.put("distill", "c5899b9487e407a3");
        expected.put("distill-t", "1c2c891c19f3d997");
        expected.put("all", "25af6bb08f4c5adb");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), hash(recipes().get(e.getKey()).identity()), e.getKey());
        }
    }

    @Test
    void namesOfStoredRecipesNeverChange() {
        // names label the reference results' files and rows (data/reference/*/)
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("paper", "baseline");
        expected.put("baseline", "baseline");
        expected.put("b32", "baseline + small-image-aug");
        expected.put("b32-s43", "baseline + small-image-aug");
        expected.put("warmup", "baseline + small-image-aug + warmup(1)");
        expected.put("zero-gamma", "baseline + small-image-aug + zero-gamma");
        expected.put("no-bias-decay", "baseline + small-image-aug + no-bias-decay");
        expected.put("efficient", "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay");
        expected.put("cosine", "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay + cosine");
        expected.put("label-smoothing", "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay + cosine + label-smoothing(0.1)");
        expected.put("mixup", "baseline + small-image-aug + mixup(0.2)");
        expected.put("mixup-off", "baseline + small-image-aug + mixup(0.4, off last 2)");
        expected.put("linear-scaling", "baseline + small-image-aug + linear-scaling(32)");
        expected.put("linear-scaling-256", "baseline + linear-scaling");
        expected.put("fp16", "baseline + fp16");
        expected.put("accumulate", "baseline + accumulate(4)");
        expected.put("model", "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay");
        expected.put("distill", "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay + cosine + label-smoothing(0.1) + distill(T=20)");
        expected.put("distill-t", "baseline + small-image-aug + distill(T=4, hard 0.5)");
        expected.put("all", "baseline + linear-scaling + warmup(2) + zero-gamma + no-bias-decay + cosine + label-smoothing(0.2) + distill(T=20) + mixup(0.2, off last 1) + fp16 + accumulate(2)");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), recipes().get(e.getKey()).label("").name(), e.getKey());
        }
    }

    @Test
    void theBaselinesIdentityReadsAsItsSettings() {
        assertEquals("model=Registered[name=cifar_resnet18];width=0.25;augmentation=small-image-aug;imageSize=32;"
                + "epochs=15;batchSize=32;lr=0.025;effectiveLr=0.025;optimizer=nag;momentum=0.9;weightDecay=0.0001;"
                + "schedule=step;warmupEpochs=0;linearScalingReference=0;zeroGamma=false;noBiasDecay=false;"
                + "labelSmoothing=0;mixupAlpha=0;mixupOffEpochs=0;distillation=none;precision=fp32;accumulation=1;"
                + "evaluateEvery=5;seed=42", recipes().get("b32").identity());
    }
}
