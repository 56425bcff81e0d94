import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button, useCanAccess } from 'react-admin';

/** A link to the import page for the indicator list's toolbar; hidden without the import permission. */
export function ImportIndicatorsButton() {
  const { canAccess } = useCanAccess({ resource: 'indicators', action: 'import' });
  if (!canAccess) return null;
  return (
    <Button label="resources.indicators.importExport.importButton" to="/indicators/import">
      <UploadFileIcon />
    </Button>
  );
}
