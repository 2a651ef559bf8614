package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetsTest {
    /** 3 classes, labels 0,1,2,0,1,2,... ; image i has every byte equal to i. */
    private static ArrayImageSet set(int n) {
        byte[] px = new byte[n * 2 * 2 * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            java.util.Arrays.fill(px, i * 12, (i + 1) * 12, (byte) i);
        }
        return new ArrayImageSet(2, 2, px, labels, List.of("a", "b", "c"), "toy");
    }

    @Test
    void balancedTakesTheFirstImagesOfEachClassInOrder() {
        ImageSet s = Subsets.balanced(set(30), 7);
        assertEquals(7, s.size());
        assertArrayEquals(new int[] {3, 2, 2}, s.perClassCounts());
        // the first 3 of class 0 (images 0, 3, 6), the first 2 of classes 1 and 2 (1, 4 and 2, 5)
        int[] firstBytes = new int[7];
        for (int i = 0; i < 7; i++) {
            firstBytes[i] = s.image(i).pixels()[0];
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, firstBytes);
    }

    @Test
    void aSubsetAsLargeAsTheSetIsTheSet() {
        ArrayImageSet s = set(9);
        assertSame(s, Subsets.balanced(s, 9));
        assertSame(s, Subsets.balanced(s, 100));
    }

    @Test
    void aClassWithTooFewImagesIsAClearError() {
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 2}; // class 2 has one image, its share of 6 is 2
        ArrayImageSet s = new ArrayImageSet(1, 1, new byte[8 * 3], labels, List.of("a", "b", "c"), "unbalanced");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subsets.balanced(s, 6));
        assertTrue(e.getMessage().contains("fewer than its share"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subsets.balanced(s, 0));
    }

    @Test
    void datasetSubsetNamesItsSizesAndKeepsZeroAsAll() {
        Dataset d = new Dataset("toy", set(30), set(12));
        Dataset sub = Subsets.of(d, 6, 0);
        assertEquals("toy[6/12]", sub.name());
        assertEquals(6, sub.train().size());
        assertEquals(12, sub.test().size());
        assertEquals(2, sub.imageSide(), "still one image size, so the CLI picks the right input size");
        assertSame(d, Subsets.of(d, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Subsets.of(d, -1, 0));
    }
}
