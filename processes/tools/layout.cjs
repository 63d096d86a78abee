// Lays out a BPMN file's diagram interchange with bpmn-auto-layout, keeping the authored process XML as it is:
// the old <bpmndi:BPMNDiagram> blocks are dropped, the model laid out, and the new blocks put back before
// </bpmn:definitions>. Sub-processes become drill-down planes of their own.
//   npm install --prefix /tmp/bpmn-layout bpmn-auto-layout@1.3.0
//   NODE_PATH=/tmp/bpmn-layout/node_modules node processes/tools/layout.cjs processes/*.bpmn
const fs = require('fs');
const { layoutProcess } = require('bpmn-auto-layout');

const DIAGRAMS = /\s*<bpmndi:BPMNDiagram[\s\S]*?<\/bpmndi:BPMNDiagram>/g;

async function layOut(file) {
  const authored = fs.readFileSync(file, 'utf8').replace(DIAGRAMS, '');
  const laidOut = await layoutProcess(authored);
  const found = laidOut.match(DIAGRAMS) || [];
  if (found.length === 0) throw new Error(`${file}: bpmn-auto-layout produced no diagram`);
  const diagrams = found.flatMap(diagram => drillDown(authored, diagram));
  const end = authored.lastIndexOf('</bpmn:definitions>');
  fs.writeFileSync(file, authored.slice(0, end).replace(/\s*$/, '') + diagrams.join('') + '\n' + authored.slice(end));
  console.log(`${file}: ${diagrams.length} diagram(s)`);
}

// bpmn-auto-layout 1.3.0 draws a sub-process's content in the main plane, over the main flow. Each sub-process becomes
// collapsed there and its content moves to a plane of its own (Cockpit and Modeler drill down into it).
function drillDown(authored, diagram) {
  const planes = [];
  for (const [block, id] of authored.matchAll(/<bpmn:subProcess id="([^"]+)"[\s\S]*?<\/bpmn:subProcess>/g)) {
    const inside = new Set([...block.matchAll(/ id="([^"]+)"/g)].map(m => m[1]).filter(child => child !== id));
    const moved = [];
    diagram = diagram.replace(/\s*<bpmndi:BPMN(Shape|Edge) [^>]*bpmnElement="([^"]+)"[\s\S]*?<\/bpmndi:BPMN\1>/g,
      (element, kind, ref) => inside.has(ref) ? (moved.push(element), '') : element);
    diagram = diagram.replace(new RegExp(`(<bpmndi:BPMNShape [^>]*bpmnElement="${id}")`), '$1 isExpanded="false"');
    planes.push(`\n  <bpmndi:BPMNDiagram id="diagram_${id}">\n    <bpmndi:BPMNPlane id="plane_${id}" bpmnElement="${id}">`
      + moved.join('') + '\n    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>');
  }
  return [diagram, ...planes];
}

(async () => {
  for (const file of process.argv.slice(2)) await layOut(file);
})().catch(e => { console.error(e.message); process.exit(1); });
