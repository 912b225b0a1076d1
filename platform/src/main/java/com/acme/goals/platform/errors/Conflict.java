package com.acme.goals.platform.errors;

/** A concurrent change or a state that forbids the request (409). */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
