package org.outdial.engine.campaign;

/** Values of a number that speech synthesis can read out (seed 004, "audioSynthesisDynamicValues"). */
public enum DynamicValue {
    NA("Autodialer number: name"),
    NO("Autodialer number: note"),
    LI("Autodialer number: data for Web Dialer"),
    P1("Autodialer number: parameter #1"),
    P2("Autodialer number: parameter #2"),
    P3("Autodialer number: parameter #3"),
    P4("Autodialer number: parameter #4"),
    P5("Autodialer number: parameter #5"),
    P6("Autodialer number: parameter #6"),
    P7("Autodialer number: parameter #7"),
    P8("Autodialer number: parameter #8"),
    P9("Autodialer number: parameter #9"),
    P10("Autodialer number: parameter #10");

    private final String title;

    DynamicValue(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** For P1..P10, the parameter's number; 0 for NA, NO and LI. */
    public int parameter() {
        return name().startsWith("P") ? Integer.parseInt(name().substring(1)) : 0;
    }
}
