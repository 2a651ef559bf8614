package org.bagoftricks.models;

import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry names, their options, specs and errors. */
class ModelsRegistryTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    @Test
    void requiredNamesAreRegistered() {
        List<String> names = Models.names();
        for (String base : List.of("resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
                "resnet50a", "resnet50b", "resnet50c", "resnet50d", "resnet50s", "resnet152d", "resnet18a",
                "resnext50_32x4d", "resnext50d_32x4d", "resnext101_32x4d", "seresnext50_32x4d",
                "seresnext50d_32x4d", "seresnet50")) {
            assertTrue(names.contains(base), base);
            assertTrue(names.contains("cifar_" + base), "cifar_" + base);
        }
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void namesMapToTheirOptions() {
        ResNet.Config plain = Models.config("resnet50");
        assertEquals(plain, Models.config("resnet50b"));
        assertTrue(plain.strideOn3x3() && !plain.deepStem() && !plain.avgDown() && !plain.se());
        assertFalse(Models.config("resnet50a").strideOn3x3());
        ResNet.Config c = Models.config("resnet50c");
        assertTrue(c.strideOn3x3() && c.deepStem() && !c.avgDown());
        assertEquals(32, c.stemWidth());
        assertEquals(c.toBuilder().stemWidth(64).config(), Models.config("resnet50s"));
        ResNet.Config d = Models.config("resnet50d");
        assertTrue(d.strideOn3x3() && d.deepStem() && d.avgDown());
        ResNet.Config x = Models.config("seresnext50d_32x4d");
        assertEquals(List.of(50, 32, 4), List.of(x.depth(), x.groups(), x.baseWidth()));
        assertTrue(x.se() && x.avgDown() && x.deepStem() && !x.smallInput());
        ResNet.Config small = Models.config("cifar_resnet18");
        assertTrue(small.smallInput());
        assertEquals(10, small.numClasses());
        assertEquals(1000, Models.config("resnet18").numClasses());
    }

    @Test
    void unknownNameListsCloseMatches() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("resnet50e", 10));
        assertTrue(e.getMessage().contains("resnet50e"), e.getMessage());
        assertTrue(e.getMessage().contains("resnet50d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("resnext50_32x8d"));
        assertTrue(e.getMessage().contains("resnext50_32x4d"), e.getMessage());
    }

    @Test
    void specIsFluentAndImmutable() {
        ModelSpec base = ModelSpec.of("cifar_resnet18");
        ModelSpec spec = base.width(0.25).classes(100);
        assertEquals(new ModelSpec("cifar_resnet18", 10, 1.0), base);
        assertEquals(new ModelSpec("cifar_resnet18", 100, 0.25), spec);
        assertEquals(32, spec.imageSize());
        assertEquals(224, ModelSpec.of("resnet50d").imageSize());
        assertEquals(1000, ModelSpec.of("resnet50d").numClasses());
        ResNet net = spec.build();
        assertEquals(0.25, net.config().widthMultiplier());
        assertEquals(100, net.config().numClasses());
        assertTrue(net.config().smallInput());
        assertThrows(IllegalArgumentException.class, () -> base.width(0));
        assertThrows(IllegalArgumentException.class, () -> base.classes(0));
    }

    @Test
    void invalidOptionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResNet.builder().depth(20).build());
        assertTrue(e.getMessage().contains("18, 34, 50, 101 or 152"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder().depth(18).groups(32).build());
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder().widthMultiplier(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder().numClasses(0).build());
    }

    @Test
    void tableRows() {
        List<ModelSummary> rows = Models.table("resnet18", "cifar_resnet18");
        assertEquals(2, rows.size());
        ModelSummary imagenet = rows.get(0);
        assertEquals(11_689_512, imagenet.parameters());
        assertEquals(224, imagenet.imageSize());
        assertEquals(1000, imagenet.numClasses());
        // torchvision's ResNet-18: 1.81 G multiply-adds
        assertEquals(1.81, imagenet.gflops(), 0.01);
        ModelSummary cifar = rows.get(1);
        assertEquals(32, cifar.imageSize());
        assertEquals(10, cifar.numClasses());
        assertEquals(0.56, cifar.gflops(), 0.01);
    }
}
