import { useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';

export interface DiagramPerson {
  personId: string;
  label: string;
  ring: number;
}

const size = 420;
const centre = size / 2;
const inner = 38;

/** The client's first name, short enough for the centre circle. */
const shortName = (name: string) => {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return first.length > 9 ? `${first.slice(0, 8)}…` : first;
};

/** Radius of the middle of ring n (1 closest) of `rings`. */
const ringRadius = (ring: number, rings: number) => inner + ((centre - inner - 8) * (ring - 0.5)) / rings;
const ringOuter = (ring: number, rings: number) => inner + ((centre - inner - 8) * ring) / rings;

/**
 * The closeness circle drawn as SVG: the client in the centre, rings around, each person a labelled
 * dot on a ring. Dots can be dragged to another ring with a mouse or a finger (pointer events);
 * the form beside the drawing does the same by keyboard, so the drawing is hidden from assistive
 * technology and the form is the accessible way in.
 */
export function ClosenessDiagram({
  rings,
  people,
  centreLabel,
  onMove,
  onSvg,
  title,
}: {
  rings: number;
  people: readonly DiagramPerson[];
  centreLabel: string;
  onMove?: (personId: string, ring: number) => void;
  onSvg?: (node: SVGSVGElement | null) => void;
  title: string;
}) {
  const local = useRef<SVGSVGElement | null>(null);
  const [dragging, setDragging] = useState<{ personId: string; x: number; y: number } | null>(null);
  const byRing = new Map<number, DiagramPerson[]>();
  for (const person of people) byRing.set(person.ring, [...(byRing.get(person.ring) ?? []), person]);

  const toSvg = (event: ReactPointerEvent) => {
    const svg = local.current;
    if (!svg) return { x: centre, y: centre };
    const box = svg.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * size, y: ((event.clientY - box.top) / box.height) * size };
  };
  const ringAt = (x: number, y: number) => {
    const distance = Math.hypot(x - centre, y - centre);
    for (let ring = 1; ring <= rings; ring += 1) if (distance <= ringOuter(ring, rings)) return ring;
    return rings;
  };

  return (
    <svg
      ref={(node) => {
        local.current = node;
        onSvg?.(node);
      }}
      className="closeness__svg"
      viewBox={`0 0 ${size} ${size}`}
      xmlns="http://www.w3.org/2000/svg"
      aria-hidden="true"
      onPointerMove={(event) => {
        if (dragging) setDragging({ ...dragging, ...toSvg(event) });
      }}
      onPointerUp={(event) => {
        if (!dragging) return;
        const point = toSvg(event);
        onMove?.(dragging.personId, ringAt(point.x, point.y));
        setDragging(null);
      }}
      onPointerLeave={() => setDragging(null)}
    >
      <title>{title}</title>
      <rect x="0" y="0" width={size} height={size} fill="#ffffff" />
      {Array.from({ length: rings }, (_, index) => rings - index).map((ring) => (
        <g key={ring}>
          <circle cx={centre} cy={centre} r={ringOuter(ring, rings)} fill={ring % 2 === 0 ? '#eef3f5' : '#f8fafb'} stroke="#8a979d" strokeWidth="1" />
          <text x={centre} y={centre - ringOuter(ring, rings) + 12} textAnchor="middle" fontSize="10" fill="#3d484e">
            {ring}
          </text>
        </g>
      ))}
      <circle cx={centre} cy={centre} r={inner} fill="#1f5f7a" />
      <text x={centre} y={centre + 4} textAnchor="middle" fontSize="12" fill="#ffffff" fontWeight="bold">
        {shortName(centreLabel)}
      </text>
      {[...byRing.entries()].flatMap(([ring, members]) =>
        members.map((person, index) => {
          const angle = -Math.PI / 2 + (2 * Math.PI * index) / members.length + ring * 0.6;
          const radius = ringRadius(ring, rings);
          const isDragged = dragging?.personId === person.personId;
          const x = isDragged ? dragging.x : centre + radius * Math.cos(angle);
          const y = isDragged ? dragging.y : centre + radius * Math.sin(angle);
          return (
            <g
              key={person.personId}
              className={onMove ? 'closeness__person closeness__person--movable' : 'closeness__person'}
              onPointerDown={(event) => {
                if (!onMove) return;
                event.currentTarget.ownerSVGElement?.setPointerCapture(event.pointerId);
                setDragging({ personId: person.personId, ...toSvg(event) });
              }}
            >
              <circle cx={x} cy={y} r="9" fill="#c2571a" stroke="#ffffff" strokeWidth="2" />
              <text x={x} y={y - 13} textAnchor="middle" fontSize="12" fill="#1b2226" stroke="#ffffff" strokeWidth="3" paintOrder="stroke">
                {person.label}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}

/** The drawing as a PNG (through a canvas), for the client to keep; falls back to the SVG file. */
export async function downloadDiagram(svg: SVGSVGElement, fileName: string): Promise<void> {
  const text = new XMLSerializer().serializeToString(svg);
  const svgBlob = new Blob([text], { type: 'image/svg+xml' });
  const svgUrl = URL.createObjectURL(svgBlob);
  const save = (url: string, name: string) => {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  };
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('image'));
      // A data: URL, because the Content-Security-Policy allows images from 'self' and data: only (not blob:).
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    });
    const canvas = document.createElement('canvas');
    canvas.width = size * 2;
    canvas.height = size * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('png');
    const pngUrl = URL.createObjectURL(png);
    save(pngUrl, `${fileName}.png`);
    URL.revokeObjectURL(pngUrl);
  } catch {
    save(svgUrl, `${fileName}.svg`);
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
}
