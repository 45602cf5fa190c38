package org.outdial.testbed.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class OccupancyChartTest {

    private static SimulationResult result(String policy, int team, double occupancy, double abandoned) {
        return new SimulationResult(policy, Workload.gridCell(team, 0.2, 1), occupancy, 0, 0, abandoned, 0, 0, 0, 0);
    }

    @Test
    void eachPolicyHasItsMarkerAndLegendAndTheCapIsDrawnWhereThreePercentIs() throws Exception {
        String svg = OccupancyChart.svg("grid <20 %>", List.of(result("FREE", 10, 0.6, 0), result("FREE", 20, 0.62, 0),
                result("VICIdial", 10, 0.8, 12.0)), 3.0);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("circle").getLength(), "FREE: two points and its legend marker");
        assertTrue(doc.getElementsByTagName("rect").getLength() >= 4, "VICIdial's squares beside the frame");
        assertTrue(svg.contains(">FREE<") && svg.contains(">VICIdial<") && svg.contains("grid &lt;20 %&gt;"));
        // x axis: 0..12 % (the largest abandonment) over the 500 px plot from x = 70; the cap at 3 % is a quarter in.
        NodeList lines = doc.getElementsByTagName("line");
        boolean cap = false;
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (line.hasAttribute("stroke-dasharray")) {
                assertEquals(70 + 500 * 3.0 / 12, Double.parseDouble(line.getAttribute("x1")), 0.1);
                cap = true;
            }
        }
        assertTrue(cap, "the cap line is drawn");
    }

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, OccupancyChart.niceStep(0.75));
        assertEquals(2, OccupancyChart.niceStep(1.5));
        assertEquals(5, OccupancyChart.niceStep(4.2));
        assertEquals(10, OccupancyChart.niceStep(7.5));
    }
}
