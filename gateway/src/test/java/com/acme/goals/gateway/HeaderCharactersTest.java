package com.acme.goals.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTest {

    @Test
    void every_character_is_judged_as_the_firewalls_own_rules_judge_it() {
        int differ = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c += c < 0x3000 ? 1 : 7) {
            String s = "Bearer a" + new String(Character.toChars(c)) + "b";
            differ += HeaderCharacters.VALUES.test(s) == StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(s) ? 0 : 1;
            differ += HeaderCharacters.NAMES.test(s) == StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(s) ? 0 : 1;
        }
        assertThat(differ).isZero();
    }

    @Test
    void a_line_break_or_a_lone_control_is_refused_and_a_tab_only_in_a_value() {
        assertThat(HeaderCharacters.VALUES.test("Bearer eyJ.abc\r\nX-Admin: true")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\u0000")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("名前 ü")).isTrue();
        assertThat(HeaderCharacters.VALUES.test(null)).isTrue(); // an absent header
        assertThat(HeaderCharacters.VALUES.test("\uD800")).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test("\uD800"));
    }
}
