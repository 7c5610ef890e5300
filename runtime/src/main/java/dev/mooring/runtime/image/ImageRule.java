package dev.mooring.runtime.image;

import java.util.regex.Pattern;

/**
 * One catalog line: a glob over the whole image reference ({@code *} matches any run of characters, slashes
 * included; {@code ?} one character) and what matching images run. The glob is tried on the reference as given and
 * on its canonical form ({@link #canonical}), so a line {@code redis:7} pins that tag whether a task names
 * {@code redis:7} or {@code docker.io/library/redis:7}, and leaves {@code redis:4.0.2} to later lines.
 *
 * @param source where the rule came from, for messages: {@code images.conf:12} or {@code built-in}
 */
public record ImageRule(String pattern, ImageKind kind, String source) {

    public boolean matches(String image) {
        Pattern regex = regex(pattern);
        return regex.matcher(image).matches() || regex.matcher(canonical(image)).matches();
    }

    /**
     * The reference as Docker reads it, in Docker Hub's short form: without {@code docker.io/} (or its aliases) and
     * {@code library/}, and with the tag {@code latest} when it names neither a tag nor a digest.
     */
    public static String canonical(String image) {
        String ref = image;
        for (String hub : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (ref.startsWith(hub)) {
                ref = ref.substring(hub.length());
                if (ref.startsWith("library/")) {
                    ref = ref.substring("library/".length());
                }
                break;
            }
        }
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? ref : ref + ":latest";
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
