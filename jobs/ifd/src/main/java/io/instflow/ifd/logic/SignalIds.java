package io.instflow.ifd.logic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: the same algorithm, profile, contract and window always give the same id. */
public final class SignalIds {

    private SignalIds() {}

    public static String of(
            String algorithm, String profile, long instrumentId, long windowStartNs) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (algorithm
                                                    + "|"
                                                    + profile
                                                    + "|"
                                                    + instrumentId
                                                    + "|"
                                                    + windowStartNs)
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
