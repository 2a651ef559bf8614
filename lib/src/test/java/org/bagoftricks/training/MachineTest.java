package org.bagoftricks.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void identityKeepsWhatAResultDependsOnAndDropsTheRest() {
        Machine a = new Machine("Xeon", 2, 24000, "Linux amd64", "OpenJDK 21", "DJL 0.33.0 / PyTorch 2.5.1");
        Machine b = new Machine("Xeon", 2, 16000, "Linux aarch64", "OpenJDK 17", "DJL 0.33.0 / PyTorch 2.5.1");
        assertEquals("Xeon, 2 cores, DJL 0.33.0 / PyTorch 2.5.1", a.identity());
        assertEquals(a.identity(), b.identity());
    }

    @Test
    void tallyNamesOneMachineBareAndSeveralWithTheirRunsInOrderOfFirstAppearance() {
        assertEquals("EPYC", Machine.tally(List.of("EPYC", "EPYC")));
        assertEquals("Xeon (1 run); EPYC (2 runs)", Machine.tally(List.of("Xeon", "EPYC", "EPYC")));
    }
}
