package org.bagoftricks.training;

/**
 * The values tricks take when applied by name: the paper's unless changed.
 *
 * @param referenceBatch  linear scaling's reference batch (256)
 * @param warmupEpochs    warm-up length (5)
 * @param labelSmoothing  eps (0.1)
 * @param mixupAlpha      alpha (0.2)
 * @param mixupOffEpochs  last epochs without mixup (0)
 * @param temperature     distillation temperature (20)
 * @param hardWeight      distillation's weight on the hard loss (1)
 * @param teacher         the teacher's recipe, or null for the default: the student's base recipe
 *                        with a model twice as wide (a CPU-sized stand-in for the paper's
 *                        ResNet-152 teacher of a ResNet-50)
 */
public record TrickSettings(int referenceBatch, int warmupEpochs, double labelSmoothing, double mixupAlpha,
        int mixupOffEpochs, double temperature, double hardWeight, Recipe teacher) {

    /** The paper's values. */
    public static TrickSettings paper() {
        return new TrickSettings(256, 5, 0.1, 0.2, 0, 20, 1, null);
    }

    public TrickSettings referenceBatch(int v) {
        return new TrickSettings(v, warmupEpochs, labelSmoothing, mixupAlpha, mixupOffEpochs, temperature, hardWeight, teacher);
    }

    public TrickSettings warmupEpochs(int v) {
        return new TrickSettings(referenceBatch, v, labelSmoothing, mixupAlpha, mixupOffEpochs, temperature, hardWeight, teacher);
    }

    public TrickSettings labelSmoothing(double v) {
        return new TrickSettings(referenceBatch, warmupEpochs, v, mixupAlpha, mixupOffEpochs, temperature, hardWeight, teacher);
    }

    public TrickSettings mixupAlpha(double v) {
        return new TrickSettings(referenceBatch, warmupEpochs, labelSmoothing, v, mixupOffEpochs, temperature, hardWeight, teacher);
    }

    public TrickSettings mixupOffEpochs(int v) {
        return new TrickSettings(referenceBatch, warmupEpochs, labelSmoothing, mixupAlpha, v, temperature, hardWeight, teacher);
    }

    public TrickSettings temperature(double v) {
        return new TrickSettings(referenceBatch, warmupEpochs, labelSmoothing, mixupAlpha, mixupOffEpochs, v, hardWeight, teacher);
    }

    public TrickSettings hardWeight(double v) {
        return new TrickSettings(referenceBatch, warmupEpochs, labelSmoothing, mixupAlpha, mixupOffEpochs, temperature, v, teacher);
    }

    public TrickSettings teacher(Recipe v) {
        return new TrickSettings(referenceBatch, warmupEpochs, labelSmoothing, mixupAlpha, mixupOffEpochs, temperature, hardWeight, v);
    }

    /**
     * The teacher for a student: the given one, or the student's settings without its tricks and
     * with twice its width. Without tricks, so that adding distillation to a recipe with mixup
     * does not also change the teacher (set one explicitly to follow the paper, whose teacher was
     * trained with mixup too).
     */
    public Recipe teacherFor(Recipe student) {
        if (teacher != null) {
            return teacher;
        }
        return Recipe.paper().model(student.model()).width(Math.min(4, student.width() * 2))
                .augmentation(student.augmentation()).imageSize(student.imageSize()).epochs(student.epochs())
                .batchSize(student.batchSize()).lr(student.lr()).seed(student.seed());
    }
}
