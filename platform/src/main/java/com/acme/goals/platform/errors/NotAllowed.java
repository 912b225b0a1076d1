package com.acme.goals.platform.errors;

/** The caller may not do this (403); the message says who tried what, with ids only. */
public class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message);
    }
}
