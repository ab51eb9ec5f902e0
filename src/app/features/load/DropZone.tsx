import { useState, type DragEvent } from 'react';

/** Extensions MovieLens releases use. The picker lists these first, but any file can be chosen. */
const ACCEPTED_FILES = '.dat,.data,.csv,.item,.user,.zip,.base,.test,.txt';

interface DropZoneProps {
  disabled: boolean;
  onFiles: (files: File[]) => void;
}

/** Renders a labelled file input that also takes files dropped anywhere on it. */
export function DropZone({ disabled, onFiles }: DropZoneProps) {
  const [isDragging, setDragging] = useState(false);

  function handleDragOver(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    if (!isDragging) setDragging(true);
  }

  function handleDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    onFiles(Array.from(event.dataTransfer.files));
  }

  const className = ['drop-zone', isDragging ? 'is-dragging' : '', disabled ? 'is-disabled' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <label
      className={className}
      onDragOver={handleDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={handleDrop}
    >
      <input
        className="visually-hidden"
        type="file"
        aria-label="MovieLens files"
        multiple
        accept={ACCEPTED_FILES}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Clearing lets the same file be chosen again after a fix.
          event.currentTarget.value = '';
          onFiles(files);
        }}
      />
      <span className="drop-zone-title">Drop MovieLens files here, or click to choose</span>
      <span className="drop-zone-hint">
        A ratings file (<code>ratings.dat</code>, <code>u.data</code> or <code>ratings.csv</code>)
        with the optional movies and users files, or one <code>.zip</code> of a MovieLens release.
        Files are read in this tab and never uploaded.
      </span>
    </label>
  );
}
