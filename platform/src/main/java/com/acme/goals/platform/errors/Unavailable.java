package com.acme.goals.platform.errors;

/**
 * Another service the request needs gave no usable answer (503): nothing was changed, and the caller may try again.
 * The message names the service, so the person and the operator know which one to look at.
 */
public class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
