package com.acme.goals.localstack;

/** Stands in for a service in {@link LocalStackTest}: starts, never answers a health check, runs until stopped. */
public final class FakeService {

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    /** A service that cannot start: exits at once, as one with a broken configuration does. */
    public static final class Broken {
        public static void main(String[] args) {
            System.err.println("fake service: refusing to start");
            System.exit(3);
        }
    }

    private FakeService() {
    }
}
