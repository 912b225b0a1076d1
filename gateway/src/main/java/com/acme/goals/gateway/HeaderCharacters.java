package com.acme.goals.gateway;

import java.util.function.Predicate;

/**
 * Spring Security's firewall rules for header names and values, without its regular expressions: a header's name holds
 * assigned, non-control characters only, a value may hold tabs as well (the rules of {@code StrictServerWebExchangeFirewall}).
 * The firewall checks each header every time a filter reads it, the bearer token on every read; the regex was 5% of the
 * gateway's CPU samples at 500 requests/s (issue 18). {@code HeaderCharactersTest} holds these to the library's own.
 */
final class HeaderCharacters {

    static final Predicate<String> NAMES = s -> allowed(s, false);
    /** An absent header (null) passes, as in the library. */
    static final Predicate<String> VALUES = s -> s == null || allowed(s, true);

    static boolean allowed(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) { // printable ASCII needs no look-up
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && c == '\t'))) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private HeaderCharacters() {
    }
}
