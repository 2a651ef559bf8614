package org.bagoftricks.training;

/**
 * What one epoch measured. Accuracies are fractions in [0, 1]; the training accuracy under
 * mixup is scored against each mixed image's dominant label.
 *
 * @param lr              learning rate of the epoch's last batch
 * @param imagesPerSecond training images per second (forward, backward and update; not evaluation)
 * @param seconds         wall-clock seconds of the epoch, evaluation included
 * @param dataWaitSeconds seconds the training loop waited for the data loader
 */
public record EpochStats(int epoch, double lr, double trainLoss, double trainTop1, double testLoss,
        double testTop1, double testTop5, double imagesPerSecond, double seconds, double dataWaitSeconds) {}
