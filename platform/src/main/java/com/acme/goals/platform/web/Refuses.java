package com.acme.goals.platform.web;

import com.acme.goals.contracts.problem.ProblemType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers besides those every endpoint may (401, 429, 503 at the gateway; the body's 400s
 * and 413 where it takes one). {@link ApiDocument} lists each in the OpenAPI document under its status, with its
 * type's page and an example, so the reference says what a client must handle.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    ProblemType[] value();
}
