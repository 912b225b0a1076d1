package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.web.PeerService;
import com.acme.goals.report.application.Actuals;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads a person's actuals from scoring-service ({@code GET /api/actuals/{ownerId}?periodKey=}) with the caller's own
 * token: the draft's owner may read their own actuals. When scoring does not answer, nothing is drafted with actuals
 * that could not be read ({@code Unavailable}, 503).
 */
@Component
public class ScoringActuals implements Actuals {

    record Answer(List<Total> actuals) {
    }

    private final PeerService scoring;

    public ScoringActuals(PeerService scoringService) {
        this.scoring = scoringService;
    }

    @Override
    public List<Total> of(String ownerId, Period period) {
        Answer answer = scoring.get("the actuals of " + ownerId + " in " + period.key() + " that the draft is prefilled with",
                Answer.class, "/api/actuals/{ownerId}?periodKey={periodKey}", ownerId, period.key());
        return answer == null || answer.actuals() == null ? List.of() : answer.actuals();
    }
}
