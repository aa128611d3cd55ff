package io.relationships.sector;

import java.util.Optional;

/** An HTTP provider of ticker details: the SIC code (and its description) a ticker's issuer files under. */
public interface TickerDetailsProvider {

    record TickerDetails(String symbol, Integer sicCode, String sicDescription) {
    }

    /** The ticker's details; empty when the provider does not know the ticker. */
    Optional<TickerDetails> details(String symbol) throws ProviderException;

    /** The provider could not answer: HTTP errors after retries, timeouts, a rejected key, malformed JSON. */
    class ProviderException extends Exception {
        public ProviderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
