package io.relationships.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.relationships.catalog.Symbols;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The symbol normaliser over the spellings issuers use, against upper-casing alone (the least any look-up does). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SymbolsBenchmark {

    static final String[] SPELLINGS = {"AAPL", "brk-b", "BRK/B", "BRKB", " msft ", "EHTH US", "GOOGL", "bf.b"};

    @Benchmark
    @OperationsPerInvocation(8)
    public void canonical(Blackhole blackhole) {
        for (String spelling : SPELLINGS) {
            blackhole.consume(Symbols.canonical(spelling));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void upperCaseOnly(Blackhole blackhole) {
        for (String spelling : SPELLINGS) {
            blackhole.consume(spelling.strip().toUpperCase(Locale.ROOT));
        }
    }
}
