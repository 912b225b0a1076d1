package com.acme.goals.crmlink.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.web.PeerService;
import com.acme.goals.team.activity.ActivityLedger;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The CRM records of a goal's linked customers, read from scoring-service's ledger
 * ({@code GET /api/actuals/{ownerId}/records?periodKey=&customerId=}) with the caller's token: crm-link keeps no copy
 * of the activity it publishes (decision 20). When scoring does not answer, the read is a 503 naming it.
 */
@Component
public class ScoringRecords {

    /** Scoring answers the ledger's own entries: one shape from the ledger to crm-link's view of a link. */
    record Answer(List<ActivityLedger.Entry> records) {
    }

    /** What scoring answers at most in one call (its {@code MOST_CUSTOMERS}). */
    static final int MOST_CUSTOMERS_A_CALL = 100;

    private final PeerService scoring;

    public ScoringRecords(PeerService scoringService) {
        this.scoring = scoringService;
    }

    /** Each activity of the owner on the period's days that names one of the customers, in time order per customer. */
    public List<ActivityLedger.Entry> of(String ownerId, Period period, List<String> customerIds) {
        List<ActivityLedger.Entry> found = new ArrayList<>();
        for (int from = 0; from < customerIds.size(); from += MOST_CUSTOMERS_A_CALL) {
            found.addAll(call(ownerId, period, customerIds.subList(from, Math.min(customerIds.size(), from + MOST_CUSTOMERS_A_CALL))));
        }
        return found;
    }

    private List<ActivityLedger.Entry> call(String ownerId, Period period, List<String> customerIds) {
        StringBuilder uri = new StringBuilder("/api/actuals/{ownerId}/records?periodKey={periodKey}");
        Object[] variables = new Object[2 + customerIds.size()];
        variables[0] = ownerId;
        variables[1] = period.key();
        for (int i = 0; i < customerIds.size(); i++) {
            uri.append("&customerId={c").append(i).append('}');
            variables[2 + i] = customerIds.get(i);
        }
        Answer answer = scoring.get("the CRM records of " + ownerId + "'s linked customers in " + period.key(), Answer.class,
                uri.toString(), variables);
        return answer == null || answer.records() == null ? List.of() : answer.records();
    }
}
