package com.acme.goals.platform.feed;

/**
 * A record that is bad in itself (cannot be decoded, breaks the contract, asks for something no rule allows): it can
 * never succeed, so it goes to the topic's dead-letter topic with this reason and its original bytes. Never retried.
 */
public class BadRecord extends RuntimeException {

    public BadRecord(String reason) {
        super(reason, null, false, false);
    }
}
