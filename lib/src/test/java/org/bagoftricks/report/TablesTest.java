package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The command line's form of a results table. */
class TablesTest {
    private static final String BASE = "baseline + small-image-aug + warmup(1) + zero-gamma + no-bias-decay";

    /** A seeded cumulative table as Tables.seeded writes it (the columns and their order). */
    private static Table seeded() {
        List<String> recipes = List.of(BASE, BASE + " + cosine", BASE + " + cosine + label-smoothing(0.1)");
        DoubleColumn low = DoubleColumn.create("delta_ci_low", new double[] {0, -0.21, 0.12});
        low.setMissing(0);
        DoubleColumn high = DoubleColumn.create("delta_ci_high", new double[] {0, 1.7, 0.9});
        high.setMissing(0);
        DoubleColumn p = DoubleColumn.create("p_value", new double[] {0, 0.08, 0.03});
        p.setMissing(0);
        return Table.create("Cumulative",
                StringColumn.create("recipe", recipes),
                StringColumn.create("added", List.of("-", "+ cosine", "+ label-smoothing")),
                IntColumn.create("seeds", 3, 3, 3),
                DoubleColumn.create("top1_mean", 61.2, 62.0, 62.5),
                DoubleColumn.create("top1_sd", 1.1, 1.0, 0.9),
                DoubleColumn.create("top1_ci_low", 58.5, 59.5, 60.3),
                DoubleColumn.create("top1_ci_high", 63.9, 64.5, 64.7),
                DoubleColumn.create("top5_mean", 95.1, 95.3, 95.2),
                DoubleColumn.create("delta_mean", 0, 0.75, 0.51), low, high, p,
                StringColumn.create("verdict", List.of("base", "not shown", "helps")),
                DoubleColumn.create("img_per_s", 200.0, 201.0, 199.0),
                DoubleColumn.create("minutes", 40.0, 41.0, 40.5));
    }

    @Test
    void theConsoleFormKeysShortLabelsToTheFullRecipesAndStaysNarrow() {
        String text = Tables.console(seeded());
        // the table itself fits a terminal; the full names are listed under it, one per line
        assertTrue(text.lines().takeWhile(l -> !l.startsWith("Recipes:")).allMatch(l -> l.length() <= 120), text);
        // every full recipe is still there, once, in the list under the table
        for (String r : List.of(BASE, BASE + " + cosine", BASE + " + cosine + label-smoothing(0.1)")) {
            assertTrue(text.lines().anyMatch(l -> l.trim().endsWith(r) && l.contains("  ")), r + "\n" + text);
        }
        assertTrue(text.contains("+ label-smoothing(0.1)"), text);
        // mean and interval in one column; the base row has a change but no interval
        assertTrue(text.contains("61.20 [58.50, 63.90]"), text);
        assertTrue(text.contains("+0.75 [-0.21, +1.70]"), text);
        assertTrue(text.contains("not shown") && text.contains("helps"), text);
        assertFalse(text.contains("top1_sd") || text.contains("top5_mean"), text);
    }

    @Test
    void theConsoleFormLeavesTheTableItselfAlone() {
        Table t = seeded();
        int columns = t.columnCount();
        Tables.console(t);
        assertEquals(columns, t.columnCount());
        assertEquals(BASE, t.stringColumn("recipe").get(0));
    }

    @Test
    void recipesWithNothingInCommonAreNumbered() {
        Table t = Table.create("Models", StringColumn.create("recipe", List.of("cifar_resnet50a", "cifar_resnet50d")),
                DoubleColumn.create("top1", 60.0, 61.0));
        String text = Tables.console(t);
        assertTrue(text.contains("r1") && text.contains("r2") && text.contains("cifar_resnet50d"), text);
    }
}
