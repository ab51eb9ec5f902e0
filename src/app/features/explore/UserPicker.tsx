import { useRef, useState } from 'react';
import { useController } from '../../store/context';

/** How many matching ids the suggestion list offers. */
const SUGGESTION_LIMIT = 20;

interface UserPickerProps {
  selectedUser: number | null;
}

/**
 * Renders a combobox of raw user ids. Typing a prefix offers matching ids, and the user is
 * selected as soon as the typed text is an existing id. Enter reports an id that is not found.
 */
export function UserPicker({ selectedUser }: UserPickerProps) {
  const controller = useController();
  const [text, setText] = useState(selectedUser === null ? '' : String(selectedUser));
  const [shownUser, setShownUser] = useState(selectedUser);
  const [suggestions, setSuggestions] = useState<number[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const latestQuery = useRef(0);

  // A selection made elsewhere (the first user after training) replaces the typed text.
  if (selectedUser !== shownUser) {
    setShownUser(selectedUser);
    if (selectedUser !== null && String(selectedUser) !== text) setText(String(selectedUser));
  }

  async function lookUp(prefix: string, isSubmit: boolean) {
    const query = ++latestQuery.current;
    const trimmed = prefix.trim();
    if (trimmed !== '' && !/^\d+$/.test(trimmed)) {
      setSuggestions([]);
      setMessage(`User ids are whole numbers, got "${trimmed}".`);
      return;
    }

    try {
      const ids = await controller.findUsers(trimmed, SUGGESTION_LIMIT);
      if (query !== latestQuery.current) return;
      setSuggestions(ids);

      // Ids come in ascending order, so an existing exact id is always the first match.
      const exact = trimmed !== '' && ids[0] === Number(trimmed);
      if (exact) {
        setMessage(null);
        controller.selectUser(Number(trimmed));
      } else if (isSubmit || ids.length === 0) {
        setMessage(
          trimmed === ''
            ? 'Type a user id.'
            : ids.length === 0
              ? `No user id starts with ${trimmed}.`
              : `User ${trimmed} not found; pick one of the suggestions.`,
        );
      } else {
        setMessage(null);
      }
    } catch (error) {
      if (query !== latestQuery.current) return;
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form
      className="user-picker"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        void lookUp(text, true);
      }}
    >
      <div className="field">
        <label htmlFor="explore-user">User</label>
        <input
          id="explore-user"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          list="explore-user-ids"
          value={text}
          aria-invalid={message !== null}
          aria-describedby={message !== null ? 'explore-user-message' : undefined}
          onFocus={() => {
            if (suggestions.length === 0) void lookUp(text, false);
          }}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            void lookUp(next, false);
          }}
        />
        <datalist id="explore-user-ids">
          {suggestions.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        {message !== null && (
          <span className="field-error" id="explore-user-message">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
