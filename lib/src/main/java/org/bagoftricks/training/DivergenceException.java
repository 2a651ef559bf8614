package org.bagoftricks.training;

/** The loss became NaN or infinite: the run stops instead of training on garbage. */
public class DivergenceException extends RuntimeException {
    public DivergenceException(String message) {
        super(message);
    }
}
