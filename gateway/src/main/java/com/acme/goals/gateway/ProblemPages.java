package com.acme.goals.gateway;

import com.acme.goals.contracts.problem.ProblemType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Every problem's {@code type} is {@code /problems/<slug>}, relative to the gateway that answered: here it resolves
 * to the page of {@code docs/problems/<slug>.md} (packed into this jar), which says what went wrong and what to do.
 * Plain text, so a browser shows the Markdown rather than downloading it.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // documentation, not part of the API
public class ProblemPages {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    @GetMapping("/problems")
    public ResponseEntity<String> index() throws IOException {
        return page("README");
    }

    @GetMapping("/problems/{slug}")
    public ResponseEntity<String> problem(@PathVariable String slug) throws IOException {
        boolean known = Arrays.stream(ProblemType.values()).anyMatch(t -> t.slug().equals(slug));
        return known ? page(slug) : ResponseEntity.notFound().build();
    }

    private static ResponseEntity<String> page(String name) throws IOException {
        ClassPathResource page = new ClassPathResource("problems/" + name + ".md");
        if (!page.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(TEXT)
                .body(page.getContentAsString(StandardCharsets.UTF_8));
    }
}
