package io.cift.examples;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM (which has no parent, so spells its versions out) manages every third-party artifact at the
 * version the build itself uses and tests with.
 */
class BomVersionsTest {

    private static Document read(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    /** groupId:artifactId to version, from a POM's dependencyManagement, with ${properties} resolved. */
    private static Map<String, String> managed(Document pom) {
        Map<String, String> props = new HashMap<>();
        NodeList p = pom.getElementsByTagName("properties");
        if (p.getLength() > 0) {
            NodeList kids = p.item(0).getChildNodes();
            for (int i = 0; i < kids.getLength(); i++) {
                if (kids.item(i) instanceof Element k) {
                    props.put(k.getTagName(), k.getTextContent().trim());
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        Element dm = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        NodeList deps = dm.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String v = text(d, "version");
            if (v != null && v.startsWith("${")) {
                v = props.get(v.substring(2, v.length() - 1));
            }
            out.put(text(d, "groupId") + ":" + text(d, "artifactId"), v);
        }
        return out;
    }

    @Test
    void theBomManagesThirdPartyArtifactsAtTheBuildsVersions() throws Exception {
        Map<String, String> build = managed(read(Path.of("..", "pom.xml")));
        Map<String, String> bom = managed(read(Path.of("..", "cift-bom", "pom.xml")));
        int thirdParty = 0;
        for (Map.Entry<String, String> e : bom.entrySet()) {
            if (e.getKey().startsWith("io.cift:")) {
                continue;
            }
            thirdParty++;
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(build.get(e.getKey()));
        }
        assertThat(thirdParty).as("the optional clients and drivers are managed").isGreaterThanOrEqualTo(8);
        assertThat(bom).containsKeys("com.zaxxer:HikariCP", "io.nats:jnats", "redis.clients:jedis",
                "com.clickhouse:jdbc-v2", "ru.yandex.clickhouse:clickhouse-jdbc");
    }
}
