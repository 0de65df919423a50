package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@Tag("faults")
class ProfileTest {

    @AfterEach
    void clear() {
        System.clearProperty(Profile.PROPERTY);
    }

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(Profile.SMOKE, Profile.parse("smoke", "test"));
        assertEquals(Profile.FULL, Profile.parse(" FULL ", "test"));
    }

    @Test
    void propertyOverridesEnvironment() {
        System.setProperty(Profile.PROPERTY, "full");
        assertEquals(Profile.FULL, Profile.current());
    }

    @Test
    void unknownValueSaysWhatIsAllowed() {
        System.setProperty(Profile.PROPERTY, "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Profile::current);
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
        assertTrue(e.getMessage().contains("smoke, quick, full"), e.getMessage());
        assertTrue(e.getMessage().contains(Profile.PROPERTY), e.getMessage());
    }

    @Test
    void picksPerProfile() {
        assertEquals(1, Profile.SMOKE.pick(1, 2, 3));
        assertEquals(2, Profile.QUICK.pick(1, 2, 3));
        assertEquals("c", Profile.FULL.pick("a", "b", "c"));
    }
}
