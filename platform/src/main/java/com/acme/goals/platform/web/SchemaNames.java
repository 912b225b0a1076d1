package com.acme.goals.platform.web;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names the API's schemas after the domain, so two views called {@code Page} or {@code View} in one service do not
 * overwrite each other in its OpenAPI document: a record nested in a read model or a use case takes its host's name
 * in front ({@code TeamDashboard.Page} is {@code TeamDashboardPage}, {@code WeekBoard.Board} is {@code WeekBoard});
 * a request or answer record nested in a controller keeps its own ({@code SetGoalRequest}).
 */
final class SchemaNames extends TypeNameResolver {

    @Override
    protected String getNameOfClass(Class<?> type) {
        Class<?> host = type.getEnclosingClass();
        if (host == null || host.getSimpleName().endsWith("Controller")) {
            return super.getNameOfClass(type);
        }
        String outer = host.getSimpleName();
        String inner = type.getSimpleName();
        return outer.endsWith(inner) ? outer : outer + inner;
    }
}
