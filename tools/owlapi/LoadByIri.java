import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * Loads ontologies by IRI with the OWL API, as Protégé's "Open from URL" does: the OWL API
 * sends its own Accept header (RDF/XML first) and follows redirects.
 *
 * Usage: java -cp ... LoadByIri IRI...
 * Prints, per IRI, "IRI: ontology=ONTOLOGY_IRI version=VERSION_IRI axioms=N format=FORMAT";
 * exits 1 if any IRI cannot be loaded (the exception's first line is printed).
 */
public final class LoadByIri {
    public static void main(String[] args) {
        boolean ok = true;
        for (String iri : args) {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            try {
                OWLOntology ontology = manager.loadOntology(IRI.create(iri));
                System.out.println(iri + ": ontology="
                    + ontology.getOntologyID().getOntologyIRI().map(IRI::toString).orElse("none")
                    + " version="
                    + ontology.getOntologyID().getVersionIRI().map(IRI::toString).orElse("none")
                    + " axioms=" + ontology.getAxiomCount()
                    + " format=" + manager.getOntologyFormat(ontology).getKey());
            } catch (Exception error) {
                String message = String.valueOf(error.getMessage()).split("\n")[0];
                System.out.println(iri + ": FAILED " + error.getClass().getSimpleName() + ": "
                    + message);
                ok = false;
            }
        }
        System.exit(ok ? 0 : 1);
    }
}
