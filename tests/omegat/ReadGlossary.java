// OmegaT's own glossary code, called as its glossary pane calls it. Used by tests/cli/omegat.rs;
// compiled against OmegaT.jar.
//
//   java -cp OmegaT.jar:DIR ReadGlossary tbx|tsv FILE PROJECT_DIR
//     reads FILE with OmegaT's TBX or tab-separated reader and prints each entry OmegaT sees as
//     one line: source, target, comment (tabs and newlines in the comment shown as " | ").
//     OmegaT's TBX reader keeps the terms of the project's languages: the project is
//     zh-CN → en-US.
//   java -cp OmegaT.jar:DIR ReadGlossary add FILE SOURCE TARGET COMMENT
//     appends an entry to FILE as OmegaT does when a translator adds a term.
import java.io.File;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("add")) {
            GlossaryReaderTSV.append(new File(args[1]),
                    new GlossaryEntry(args[2], args[3], args[4], false));
            return;
        }
        final ProjectProperties props = new ProjectProperties(new File(args[2]));
        props.setSourceLanguage("zh-CN");
        props.setTargetLanguage("en-US");
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() {
                return props;
            }
        });
        File file = new File(args[1]);
        List<GlossaryEntry> entries = args[0].equals("tbx")
                ? GlossaryReaderTBX.read(file, false)
                : GlossaryReaderTSV.read(file, false);
        StringBuilder out = new StringBuilder();
        for (GlossaryEntry e : entries) {
            out.append(e.getSrcText()).append('\t')
               .append(e.getLocText()).append('\t')
               .append(e.getCommentText().replaceAll("[\t\r\n]+", " | ")).append('\n');
        }
        System.out.print(out);
    }
}
