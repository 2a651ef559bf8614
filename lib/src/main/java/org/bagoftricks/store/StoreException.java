package org.bagoftricks.store;

/** An entry of the results store cannot be read; the message names the file and the fix. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
