package io.relais.knowledge.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * robots.txt rules for one user agent: the group naming the agent (else "*"), Allow and Disallow with "*" and "$",
 * the longest matching rule wins, Allow on a tie.
 */
public final class Robots {

    static final Robots ALLOW_ALL = new Robots(List.of());

    private record Rule(boolean allow, Pattern pattern, int length) {
    }

    private final List<Rule> rules;

    private Robots(List<Rule> rules) {
        this.rules = rules;
    }

    public static Robots parse(String text, String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT).split("/")[0];
        List<Rule> mine = new ArrayList<>(), star = new ArrayList<>();
        List<String> groupAgents = new ArrayList<>();
        boolean inRules = false;
        List<Rule> current = null;
        boolean currentIsMine = false, currentIsStar = false;
        for (String raw : text.split("\\R")) {
            String line = raw.replaceAll("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    groupAgents.clear();
                    currentIsMine = false;
                    currentIsStar = false;
                    inRules = false;
                }
                groupAgents.add(value.toLowerCase(Locale.ROOT));
                if (value.equals("*")) currentIsStar = true;
                else if (agent.contains(value.toLowerCase(Locale.ROOT))) currentIsMine = true;
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (value.isEmpty()) continue; // "Disallow:" allows everything
                current = currentIsMine ? mine : currentIsStar ? star : null;
                if (current != null) current.add(new Rule(key.equals("allow"), toPattern(value), value.length()));
            }
        }
        return new Robots(!mine.isEmpty() ? mine : star);
    }

    private static Pattern toPattern(String rule) {
        StringBuilder p = new StringBuilder("^");
        for (char c : rule.toCharArray()) {
            if (c == '*') p.append(".*");
            else if (c == '$') p.append("$");
            else p.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(p.toString());
    }

    public boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.pattern.matcher(pathAndQuery).find()) {
                if (best == null || r.length > best.length || r.length == best.length && r.allow) best = r;
            }
        }
        return best == null || best.allow;
    }
}
