import java.io.File;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;

/**
 * Checks that RDF files are OWL 2 DL ontologies with the OWL API.
 *
 * Usage: java -cp ... CheckProfile FILE...
 * Prints, per file, "FILE: OWL2_DL in-profile=BOOL violations=N axioms=N" and one line per
 * violation; exits 1 if any file is outside the profile.
 */
public final class CheckProfile {
    public static void main(String[] args) throws Exception {
        boolean ok = true;
        for (String path : args) {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(path));
            OWLProfileReport report = Profiles.OWL2_DL.checkOntology(ontology);
            List<OWLProfileViolation> violations = report.getViolations();
            System.out.println(path + ": OWL2_DL in-profile=" + report.isInProfile()
                + " violations=" + violations.size() + " axioms=" + ontology.getAxiomCount());
            for (OWLProfileViolation violation : violations) {
                System.out.println("  " + violation);
            }
            ok &= report.isInProfile();
        }
        System.exit(ok ? 0 : 1);
    }
}
