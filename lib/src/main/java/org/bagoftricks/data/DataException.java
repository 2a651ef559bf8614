package org.bagoftricks.data;

/** A dataset is missing, truncated, corrupt or inconsistent; the message names the file and the fix. */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
