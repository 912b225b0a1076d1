package com.acme.goals.platform.web;

import com.acme.goals.platform.errors.DomainRuleBroken;

import java.util.List;

/** A page a caller asked for with {@code page} (from 0) and {@code size}; out of range, it is refused naming the parameter. */
public record PageAsked(int page, int size) {

    public static PageAsked of(int page, int size, int largest) {
        if (page < 0) {
            throw new DomainRuleBroken("page", "0 or more");
        }
        if (size < 1 || size > largest) {
            throw new DomainRuleBroken("size", "from 1 to " + largest);
        }
        return new PageAsked(page, size);
    }

    /** The records to skip before this page. */
    public int skip() {
        return (int) Math.min((long) page * size, Integer.MAX_VALUE);
    }

    /** This page of a list already read whole. */
    public <T> List<T> of(List<T> all) {
        int from = Math.min(skip(), all.size());
        return all.subList(from, Math.min(from + size, all.size()));
    }
}
