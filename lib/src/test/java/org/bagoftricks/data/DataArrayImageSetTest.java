package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataArrayImageSetTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    @Test void rejectsPixelsThatDoNotMatchTheLabels() {
        DataException e = assertThrows(DataException.class,
                () -> new ArrayImageSet(2, 2, new byte[12 * 3 - 1], new int[] {0, 1, 2}, ABC, "bad set"));
        assertTrue(e.getMessage().contains("bad set") && e.getMessage().contains("36 pixel bytes"), e.getMessage());
    }

    @Test void rejectsLabelsOutOfRange() {
        DataException e = assertThrows(DataException.class,
                () -> new ArrayImageSet(1, 1, new byte[9], new int[] {0, 3, 1}, ABC, "bad set"));
        assertTrue(e.getMessage().contains("label 3 of image 1"), e.getMessage());
    }

    @Test void rejectsAnEmptyClassAndSaysHowToDropIt() {
        DataException e = assertThrows(DataException.class,
                () -> new ArrayImageSet(1, 1, new byte[9], new int[] {0, 2, 0}, ABC, "bad set"));
        assertTrue(e.getMessage().contains("(b) has no images") && e.getMessage().contains("withClasses"), e.getMessage());
    }

    @Test void subsetKeepsTheChosenImagesInOrder() {
        ArrayImageSet set = TestData.indexed(9, 2, 3);
        ArrayImageSet sub = set.subset(new int[] {5, 0, 4, 5});
        assertEquals(4, sub.size());
        int[] picked = {5, 0, 4, 5};
        for (int i = 0; i < picked.length; i++) {
            assertArrayEquals(set.image(picked[i]).pixels(), sub.image(i).pixels());
            assertEquals(picked[i] % 3, sub.label(i));
        }
        assertEquals(ABC.size(), sub.classes().size());
    }

    @Test void withClassesKeepsAndRelabelsInTheGivenOrder() {
        ArrayImageSet set = TestData.indexed(12, 2, 4); // label = i % 4
        ArrayImageSet two = set.withClasses(List.of(3, 1));
        assertEquals(List.of("class3", "class1"), two.classes());
        assertEquals(6, two.size());
        int[] expectedSource = {1, 3, 5, 7, 9, 11}; // images of classes 1 and 3, in original order
        for (int i = 0; i < expectedSource.length; i++) {
            int source = expectedSource[i];
            assertArrayEquals(set.image(source).pixels(), two.image(i).pixels());
            assertEquals(source % 4 == 3 ? 0 : 1, two.label(i));
        }
        assertThrows(IllegalArgumentException.class, () -> set.withClasses(List.of(1, 1)));
    }

    @Test void perClassCountsCountEachLabel() {
        int[] labels = {2, 0, 2, 1, 2, 0};
        ArrayImageSet set = new ArrayImageSet(1, 1, new byte[18], labels, ABC, "counts");
        assertArrayEquals(new int[] {2, 1, 3}, set.perClassCounts());
    }

    @Test void imageReturnsACopy() {
        ArrayImageSet set = TestData.indexed(3, 2, 3);
        byte before = set.image(1).pixels()[5];
        set.image(1).pixels()[5] = (byte) (before + 1);
        assertEquals(before, set.image(1).pixels()[5]);
    }
}
