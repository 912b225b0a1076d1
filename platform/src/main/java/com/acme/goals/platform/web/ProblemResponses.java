package com.acme.goals.platform.web;

import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.platform.errors.Unavailable;
import com.acme.goals.contracts.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error a client can see is an RFC 7807 problem whose {@code detail} names the field and the rule.
 * Domain exceptions map to statuses here, so the domain never imports Spring Web.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(DomainRuleBroken.class)
    ProblemDetail ruleBroken(DomainRuleBroken e) {
        return problem(ProblemType.RULE_BROKEN, e.getMessage(), e.field());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(ProblemType.BAD_INPUT, e.getMessage(), null);
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(ProblemType.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(NotAllowed.class)
    ProblemDetail notAllowed(NotAllowed e) {
        log.warn("refused: {}", e.getMessage());
        return problem(ProblemType.NOT_ALLOWED, e.getMessage(), null);
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return problem(ProblemType.CONFLICT, e.getMessage(), null);
    }

    /** As the gateway answers for a service that does not answer: at once, with when to try again. */
    @ExceptionHandler(Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(Unavailable e) {
        log.warn("unavailable: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(ProblemType.SERVICE_UNAVAILABLE, e.getMessage(), null));
    }

    @ExceptionHandler(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(org.axonframework.modelling.command.ConflictingAggregateVersionException e) {
        return problem(ProblemType.STALE_VERSION, "the change was based on version " + e.getExpectedVersion()
                + " but the current version is " + e.getActualVersion() + ": reload and try again", "expectedVersion");
    }

    /**
     * Two replicas appended to one aggregate at once: each checked the version it had loaded, and the store's unique
     * (aggregate, sequence) index let only the first append through. The same answer as a stale version.
     */
    @ExceptionHandler(org.axonframework.modelling.command.ConcurrencyException.class)
    ProblemDetail concurrentChange(org.axonframework.modelling.command.ConcurrencyException e) {
        log.info("concurrent change refused: {}", e.getMessage());
        return problem(ProblemType.STALE_VERSION,
                "someone else changed it at the same moment: reload and try again", "expectedVersion");
    }

    @ExceptionHandler(org.axonframework.modelling.command.AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(org.axonframework.modelling.command.AggregateNotFoundException e) {
        return problem(ProblemType.NOT_FOUND, e.getAggregateIdentifier() + " does not exist", null);
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraintViolated(jakarta.validation.ConstraintViolationException e) {
        var first = e.getConstraintViolations().iterator().next();
        String path = first.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return problem(ProblemType.BAD_INPUT, field + ": " + first.getMessage(), field);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "rule", String.valueOf(f.getDefaultMessage())))
                .toList();
        FieldError first = ex.getBindingResult().getFieldError();
        String detail = first == null ? "the request body is invalid"
                : first.getField() + ": " + first.getDefaultMessage()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        ProblemDetail problem = problem(ProblemType.INVALID_REQUEST_BODY, detail,
                first == null ? null : first.getField());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var result = ex.getAllValidationResults().get(0);
        String field = result.getMethodParameter().getParameterName();
        String rule = result.getResolvableErrors().get(0).getDefaultMessage();
        return ResponseEntity.badRequest().body(problem(ProblemType.BAD_INPUT, field + ": " + rule, field));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = "the request body is not valid JSON of the expected shape";
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            detail = field + ": has the wrong type or form";
            ProblemDetail problem = problem(ProblemType.UNREADABLE_REQUEST_BODY, detail, field);
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest().body(problem(ProblemType.UNREADABLE_REQUEST_BODY, detail, null));
    }

    /**
     * What Spring itself answers (an unknown path, a method or media type not served) gets its page too; the
     * status and Spring's title stay.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && URI.create("about:blank").equals(problem.getType())) {
            problem.setType(URI.create(ProblemType.REQUEST_NOT_SUPPORTED.uri()));
        }
        return response;
    }

    /** The one shape of every problem a service answers: its type's page, title and status, the field, the request id. */
    public static ProblemDetail problem(ProblemType type, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
        problem.setType(URI.create(type.uri()));
        problem.setTitle(type.title());
        if (field != null) {
            problem.setProperty("field", field);
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }
}
