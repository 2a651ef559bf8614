package org.bagoftricks.data;

import java.util.List;
import java.util.Objects;

/**
 * A train/test pair of image sets over the same classes, with a name that identifies the data
 * in recorded results (for example "cifar10-embedded" or "folder:/data/imagenette").
 */
public record Dataset(String name, ImageSet train, ImageSet test) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.classes().equals(test.classes())) {
            throw new DataException("train and test of " + name + " have different classes: "
                    + train.classes() + " vs " + test.classes());
        }
    }

    public List<String> classes() {
        return train.classes();
    }

    public int numClasses() {
        return train.classes().size();
    }

    /**
     * Side of the images if they all share one square size (32 for CIFAR-10), else 0
     * (folders of photographs, which are cropped and resized by the augmentation).
     */
    public int imageSide() {
        return train instanceof ArrayImageSet a && test instanceof ArrayImageSet b
                && a.width() == a.height() && a.width() == b.width() && a.height() == b.height()
                ? a.width() : 0;
    }
}
