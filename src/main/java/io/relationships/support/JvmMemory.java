package io.relationships.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Heap the service does not use goes back to the operating system. The JVM's defaults keep up to 70% of the heap free
 * after a collection and never collect an idle heap, so the heap start-up (the seed, the warm-up) and a load's peak
 * grew stays committed for good: at this data's scale, a live set of ≈ 75 MB held ≈ 315 MB of heap. The service
 * sets G1's manageable options at start — keep 10–30% free, and a periodic collection when idle — and collects once
 * when start-up is over. Options given on the command line win; {@code relationships.memory.return-unused-heap=false}
 * leaves the JVM as it was started.
 */
@Component
public class JvmMemory {

    private static final Logger log = LoggerFactory.getLogger(JvmMemory.class);

    /**
     * @param returnUnusedHeap  give unused heap back to the operating system (G1 only)
     * @param idleCollection    how often an idle JVM collects, to give back what a burst left; 0 never
     */
    @ConfigurationProperties("relationships.memory")
    public record Properties(@DefaultValue("true") boolean returnUnusedHeap, @DefaultValue("30s") Duration idleCollection) {
    }

    private final boolean active;

    JvmMemory(Properties properties) {
        this.active = properties.returnUnusedHeap() && usesG1();
        if (active) {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // the minimum first: the maximum may not be set below it
            setUnlessGiven(hotspot, "MinHeapFreeRatio", "10");
            setUnlessGiven(hotspot, "MaxHeapFreeRatio", "30");
            setUnlessGiven(hotspot, "G1PeriodicGCInterval", String.valueOf(properties.idleCollection().toMillis()));
        }
    }

    /** Start-up is over: what it allocated and no longer uses goes back. */
    public void startupFinished() {
        if (!active) {
            return;
        }
        long started = System.nanoTime();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        log.info("Start-up's garbage collected in {} ms: heap {} MB used of {} MB committed", (System.nanoTime() - started) / 1_000_000,
                heap.getUsed() >> 20, heap.getCommitted() >> 20);
    }

    private static void setUnlessGiven(HotSpotDiagnosticMXBean hotspot, String name, String value) {
        try {
            VMOption option = hotspot.getVMOption(name);
            if (option.getOrigin() == VMOption.Origin.DEFAULT || option.getOrigin() == VMOption.Origin.ERGONOMIC) {
                hotspot.setVMOption(name, value);
            }
        } catch (IllegalArgumentException e) {
            log.debug("Could not set {}={}: {}", name, value, e.getMessage());
        }
    }

    private static boolean usesG1() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));
    }
}
