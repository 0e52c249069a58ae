import { Bar, Button, Text } from '@ui5/webcomponents-react';
import { OnDemandDialog } from './OnDemandDialog';

export interface ConfirmDialogProps {
  open: boolean;
  /** Dialog title, e.g. "Delete system?" */
  title: string;
  /** What will happen, in plain words. */
  message: string;
  /** Text of the destructive button, e.g. "Delete". */
  confirmText: string;
  /** Negative styling for destructive actions (default true). */
  destructive?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a destructive action. Escape and Cancel both cancel. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmText,
  destructive = true,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <OnDemandDialog
      open={open}
      headerText={title}
      state={destructive ? 'Critical' : 'None'}
      accessibleRole="AlertDialog"
      onClose={onCancel}
      data-testid="confirm-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button
                design={destructive ? 'Negative' : 'Emphasized'}
                onClick={onConfirm}
                data-testid="confirm-dialog-confirm"
              >
                {confirmText}
              </Button>
              <Button design="Transparent" onClick={onCancel} data-testid="confirm-dialog-cancel">
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <Text>{message}</Text>
    </OnDemandDialog>
  );
}
