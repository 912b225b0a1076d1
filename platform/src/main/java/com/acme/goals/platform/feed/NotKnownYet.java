package com.acme.goals.platform.feed;

/**
 * A record that refers to something this service does not know yet (a goal, an action, an employee): it is parked,
 * not dead-lettered, and handled again once {@code waitingFor} is known (see {@link ParkedRecords}).
 */
public class NotKnownYet extends RuntimeException {

    private final String waitingFor;

    /** @param waitingFor what the record waits for, as {@code kind:id}, e.g. {@code employee:E-101} */
    public NotKnownYet(String waitingFor, String reason) {
        super(reason, null, false, false);
        this.waitingFor = waitingFor;
    }

    public String waitingFor() {
        return waitingFor;
    }
}
