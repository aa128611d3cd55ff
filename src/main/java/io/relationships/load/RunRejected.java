package io.relationships.load;

/** A validation gate failed: the run's transaction is rolled back and the run recorded as FAILED with why. */
public class RunRejected extends RuntimeException {

    public RunRejected(String summary) {
        super(summary);
    }
}
