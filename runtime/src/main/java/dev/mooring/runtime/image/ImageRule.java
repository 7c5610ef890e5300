package dev.mooring.runtime.image;

import java.util.regex.Pattern;

/**
 * One catalog line: a glob over the whole image reference ({@code *} matches any run of characters, slashes
 * included; {@code ?} one character) and what matching images run.
 *
 * @param source where the rule came from, for messages: {@code images.conf:12} or {@code built-in}
 */
public record ImageRule(String pattern, ImageKind kind, String source) {

    public boolean matches(String image) {
        return regex(pattern).matcher(image).matches();
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
